import { componentGeneratorSpec } from '../helpers/generator-spec.js';

componentGeneratorSpec('pipeline');
