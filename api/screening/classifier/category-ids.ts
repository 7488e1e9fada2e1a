/**
 * The screening category ids in the fixed order the model stores its category weights in: the order of
 * `SCREENING_CATEGORIES` (api/screening/categories.ts). Adding a category there means retraining (npm run screening:train).
 */
import { SCREENING_CATEGORIES, type ScreeningCategory } from '../categories.ts';

export const SCREENING_CATEGORY_IDS: readonly ScreeningCategory[] = SCREENING_CATEGORIES.map((category) => category.id);
