/** Messages of the admin pages (namespace "admin"): zh is complete, en covers the main flows. */
export const admin = {
  zh: {},
  en: {},
};
