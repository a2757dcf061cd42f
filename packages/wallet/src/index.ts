/** Placeholder barrel; the feature modules export from here. */
export {};
