import { orNull, shaped, text, whole } from './event-codec.js';

describe('a shaped value', () => {
  const routeStep = shaped({ organisationId: orNull(text), requirement: text }, { valuePence: whole });

  it('has every field it names with the shape it names, and its optional ones absent or of their shape', () => {
    expect(routeStep({ organisationId: 'wirral-council', requirement: 'approve' })).toBe(true);
    expect(routeStep({ organisationId: null, requirement: 'note', valuePence: 250_000 })).toBe(true);
    expect(routeStep({ organisationId: null, requirement: 'note', valuePence: undefined, minuteRef: 'fields it does not name are let be' })).toBe(true);
  });

  it('is refused when a field it names is missing or of another shape, or an optional one present and of another shape', () => {
    expect(routeStep({ requirement: 'approve' })).toBe(false);
    expect(routeStep({ organisationId: 'wirral-council', requirement: 7 })).toBe(false);
    expect(routeStep({ organisationId: 'wirral-council', requirement: 'approve', valuePence: 'a lot' })).toBe(false);
    expect(routeStep({ organisationId: 'wirral-council', requirement: 'approve', valuePence: null })).toBe(false);
  });

  it('is an object, not a list, null or text', () => {
    expect(routeStep([{ organisationId: null, requirement: 'note' }])).toBe(false);
    expect(routeStep(null)).toBe(false);
    expect(routeStep('{"organisationId":null,"requirement":"note"}')).toBe(false);
  });
});
