/** The one function of rdf-canonize the benchmark calls (the package ships no .d.ts). */
declare module "rdf-canonize" {
  const rdfCanonize: {
    canonize(
      dataset: unknown,
      options: { algorithm: "RDFC-1.0"; format?: "application/n-quads" },
    ): Promise<string>;
  };
  export default rdfCanonize;
}
