/** Messages of the lead pages (namespace "lead"): zh is complete, en covers the main flows. */
export const lead = {
  zh: {},
  en: {},
};
