export { loadSeed } from './loadSeed';
export { seedData, type SeedData } from './SeedData';
export { generateSeed } from './generateSeed';
