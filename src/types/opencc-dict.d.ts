/** opencc-js ships its dictionaries as modules of one string ("from to|from to|…") without types. */
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
