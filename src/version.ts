/** The package version, printed by --version and recorded in reports (kept in step with package.json by a test). */
export const VERSION = "0.1.0";
