// Every built-in at 680 px, light and dark, against its reference (see screenshots.mjs).
import { screenshotTests } from './screenshots.mjs';

screenshotTests(680);
