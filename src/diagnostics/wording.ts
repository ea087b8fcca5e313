/** A JSON type name with its article, as messages say it: "an object", "a string", "an integer". */
export function typeName(type: string): string {
  switch (type) {
    case "object":
    case "array":
    case "integer":
      return `an ${type}`;
    case "string":
    case "number":
    case "boolean":
      return `a ${type}`;
    default:
      return type;
  }
}

/** "a", "a or b", "a, b or c". */
export function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
