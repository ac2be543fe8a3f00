const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A plausible e-mail address (the server checks properly). */
export const validEmail = (v: string): boolean => EMAIL.test(v.trim());
