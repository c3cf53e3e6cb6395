import { describe, expect, it } from 'vitest';
import { compileFilterPattern, splitFields } from '../../src/filter-pattern';
import { matches } from './helpers';

const accessLog = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';

describe('Filter pattern: space-delimited patterns', () => {
  it('is classified as a space-delimited pattern', () => {
    expect(compileFilterPattern('[a, b]').kind).toBe('space-delimited');
  });

  it('splits a message on blanks, keeping [...] and "..." as one field without their delimiters', () => {
    expect(splitFields(accessLog)).toEqual([
      '127.0.0.1',
      '-',
      'frank',
      '10/Oct/2000:13:25:15 -0700',
      'GET /index.html HTTP/1.0',
      '404',
      '1534',
    ]);
  });

  it('needs exactly as many fields as the pattern names when there is no ...', () => {
    expect(matches('[ip, id, user, timestamp, request, status_code, bytes]', accessLog)).toBe(true);
    expect(matches('[ip, id, user, timestamp, request, status_code]', accessLog)).toBe(false);
    expect(matches('[w1=ERROR, w2]', 'ERROR WARN message')).toBe(false);
  });

  it('lets ... stand for any number of fields at the start, middle or end', () => {
    expect(matches('[..., status_code = 404, bytes]', accessLog)).toBe(true);
    expect(matches('[ip, id, ..., status_code, bytes > 1000]', accessLog)).toBe(true);
    expect(matches('[ip = 127.0.0.1, ...]', accessLog)).toBe(true);
    expect(matches('[a, b, ..., c]', 'one two three')).toBe(true);
    expect(matches('[a, b, ..., c, d]', 'one two three')).toBe(false);
  });

  it('compares fields as strings with wildcards and as numbers', () => {
    expect(matches('[..., request = *.html*, status_code = 4*, bytes]', accessLog)).toBe(true);
    expect(matches('[..., request = *.gif*, status_code, bytes]', accessLog)).toBe(false);
    expect(matches('[..., status_code != 200, bytes >= 1534]', accessLog)).toBe(true);
    expect(matches('[..., status_code, bytes < 1000]', accessLog)).toBe(false);
    expect(matches('[ip, id = "-", ...]', accessLog)).toBe(true);
  });

  it('combines conditions on one field with && and ||', () => {
    expect(matches('[..., status_code = 404 || status_code = 410, bytes]', accessLog)).toBe(true);
    expect(matches('[..., status_code = 4* && status_code != 404, bytes]', accessLog)).toBe(false);
    expect(matches('[w1=ERROR || w1=WARN, w2]', 'WARN message')).toBe(true);
    expect(matches('[w1!=ERROR&&w1!=WARN, w2]', 'INFO message')).toBe(true);
  });

  it('treats an empty slot (a trailing comma) as an unnamed field', () => {
    expect(matches('[..., request=*.html*, status_code=4*,]', accessLog)).toBe(true);
    expect(matches('[a,,c]', 'x y z')).toBe(true);
  });

  it('matches a message of plain words too', () => {
    expect(matches('[level = ERROR, code, ...]', 'ERROR 500 upstream timed out')).toBe(true);
    expect(matches('[level = ERROR, code, ...]', '')).toBe(false);
  });
});
