/** Header that picks the organisation for cookie-authenticated API calls by members of several. */
export const ORG_HEADER_NAME = "x-freshplan-org";
