import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Open } from '../api-keys/access.decorator.js';
import { PageReaderGuard } from './sign-in/page-reader.guard.js';
import { SitePageFilter } from './site-page.filter.js';

/**
 * A controller of the website's pages under `path`: left out of the OpenAPI document, its reader
 * found by the page guard (a key, a session or the public), its errors answered as pages.
 */
export const SitePageController = (path = '') => applyDecorators(Controller(path), ApiExcludeController(), Open(), UseGuards(PageReaderGuard), UseFilters(SitePageFilter));
