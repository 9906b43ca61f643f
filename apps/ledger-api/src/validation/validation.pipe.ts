import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { problem } from '../problems/problem.js';
import { ProblemException } from '../problems/problem.exception.js';

function fieldErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(error.property, field) }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Request bodies and queries: typed, checked, and unknown fields refused (API.md: 400). */
export const ledgerValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const details = fieldErrors(errors);
    return new ProblemException(
      problem(400, details.map((error) => error.message).join('; ') || 'The request is not valid.', { code: 'validation_failed', errors: details }),
    );
  },
});
