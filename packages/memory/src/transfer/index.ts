export { type ExportMemoriesOptions, exportMemories } from "./export-memories.js";
export { type ExportedMemory, toExportedMemory } from "./exported-memory.js";
export { type ImportCounts, type ImportMemoriesOptions, importMemories } from "./import-memories.js";
export { type ImportItem, parseImportLine } from "./parse-import-line.js";
export { type ReembedCounts, type ReembedMemoriesOptions, reembedMemories } from "./reembed-memories.js";
