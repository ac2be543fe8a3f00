/** What services ask for the time, so tests can pass a fixed one (STYLE.md §1: rules take a clock). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
