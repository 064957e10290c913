// Every built-in at 390 px, light and dark, against its reference (see screenshots.mjs).
import { screenshotTests } from './screenshots.mjs';

screenshotTests(390);
