/** Messages of the reviewer pages (namespace "reviewer"): zh is complete, en covers the main flows. */
export const reviewer = {
  zh: {},
  en: {},
};
