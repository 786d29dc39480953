// The part of mammoth's API (1.13, which ships no types) that docx.ts uses.
declare module 'mammoth' {
  interface Input {
    /** Node (lib/unzip.js) reads `buffer`; the browser build (browser/unzip.js) reads `arrayBuffer`. */
    buffer?: Uint8Array;
    arrayBuffer?: ArrayBuffer | Uint8Array;
  }
  interface Message {
    type: 'warning' | 'error';
    message: string;
  }
  interface ImageConverter {
    readonly __mammothImageConverter: true;
  }
  interface Options {
    styleMap?: string | string[];
    includeDefaultStyleMap?: boolean;
    ignoreEmptyParagraphs?: boolean;
    convertImage?: ImageConverter;
  }
  const mammoth: {
    convertToHtml(input: Input, options?: Options): Promise<{ value: string; messages: Message[] }>;
    images: { imgElement(f: (image: unknown) => Promise<{ src: string; alt?: string }>): ImageConverter };
  };
  export default mammoth;
}
