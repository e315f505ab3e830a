/** Messages of the public pages (namespace "public"): zh is complete, en covers the main flows. */
export const publicPages = {
  zh: {},
  en: {},
};
