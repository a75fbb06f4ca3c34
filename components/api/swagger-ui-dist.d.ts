// swagger-ui-dist ships no types; what the API reference uses of its prebuilt bundle (see its README).
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  interface SwaggerUIOptions {
    domNode: HTMLElement;
    url: string;
    presets?: unknown[];
    layout?: string;
    docExpansion?: "list" | "full" | "none";
    defaultModelsExpandDepth?: number;
    deepLinking?: boolean;
    filter?: boolean | string;
    displayRequestDuration?: boolean;
    onComplete?: () => void;
  }
  interface SwaggerUIBundle {
    (options: SwaggerUIOptions): unknown;
    presets: { apis: unknown };
  }
  const SwaggerUI: SwaggerUIBundle;
  export default SwaggerUI;
}
