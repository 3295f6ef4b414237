export { dayDiff, type LocalTime, localTime, shiftDay, startOfLocalDay, zoneOffsetMs } from './zoned.js';
