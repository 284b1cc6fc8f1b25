export const embed = {};
