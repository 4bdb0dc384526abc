// mjml 4 compiles synchronously; the published types describe mjml 5's promise. Only what is used here.
declare module 'mjml' {
  type MjmlError = { line: number; message: string; tagName: string; formattedMessage: string };
  type MjmlOptions = { validationLevel?: 'strict' | 'soft' | 'skip'; keepComments?: boolean; minify?: boolean };
  function mjml2html(source: string, options?: MjmlOptions): { html: string; errors: MjmlError[] };
  export default mjml2html;
}
