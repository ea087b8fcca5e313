import * as z from "zod";

// A CLI run validates each config once: compiling Zod's per-schema fast paths at first use costs
// more start-up time than it saves on configs of normal size. Set by the CLI only, so an
// application that imports openclaw-config as a library keeps its own Zod settings.
z.config({ jitless: true });
