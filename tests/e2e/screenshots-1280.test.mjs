// Every built-in at 1280 px, light and dark, against its reference (see screenshots.mjs).
import { screenshotTests } from './screenshots.mjs';

screenshotTests(1280);
