import { describe, expect, it } from 'vitest';
import { deserializeError, serializeError, SerializedErrorSchema, UserFacingError } from './errors';
import { IllegalTransitionError } from '../jobs/state';

describe('serializeError / deserializeError', () => {
  it('keeps name, message, stack, code and log of a UserFacingError across a round trip', () => {
    const original = new UserFacingError(
      'The input file does not exist.',
      'unreadable',
      'ffmpeg said: No such file\n',
    );
    const wire = serializeError(original);
    expect(wire).toEqual({
      name: 'UserFacingError',
      message: 'The input file does not exist.',
      stack: original.stack,
      code: 'unreadable',
      log: 'ffmpeg said: No such file\n',
    });
    // What crosses the process boundary is plain JSON and passes the protocol schema.
    const parsed = SerializedErrorSchema.parse(JSON.parse(JSON.stringify(wire)));
    const back = deserializeError(parsed);
    expect(back).toBeInstanceOf(Error);
    expect(back.name).toBe('UserFacingError');
    expect(back.message).toBe(original.message);
    expect(back.stack).toBe(original.stack);
    expect(back.code).toBe('unreadable');
    expect(back.log).toBe('ffmpeg said: No such file\n');
    expect(serializeError(back)).toEqual(wire);
  });

  it('gives UserFacingError the code "user" by default and no log', () => {
    const wire = serializeError(new UserFacingError('Nope.'));
    expect(wire.code).toBe('user');
    expect(wire).not.toHaveProperty('log');
  });

  it.each<[string, unknown, Partial<ReturnType<typeof serializeError>>]>([
    ['a plain Error', new Error('boom'), { name: 'Error', message: 'boom' }],
    ['a TypeError', new TypeError('bad type'), { name: 'TypeError', message: 'bad type' }],
    [
      'a subclass with its own name',
      new IllegalTransitionError('done', 'running'),
      { name: 'IllegalTransitionError', message: 'A job cannot go from done to running.' },
    ],
    [
      'a Node-style error with a string code',
      Object.assign(new Error('gone'), { code: 'ENOENT' }),
      { code: 'ENOENT' },
    ],
    ['a string', 'just text', { name: 'Error', message: 'just text' }],
    ['a number', 42, { name: 'Error', message: '42' }],
    ['undefined', undefined, { name: 'Error', message: 'undefined' }],
  ])('serializes %s', (_name, thrown, expected) => {
    const wire = serializeError(thrown);
    expect(wire).toMatchObject(expected);
    expect(SerializedErrorSchema.safeParse(wire).success).toBe(true);
  });

  it('drops a non-string code or log rather than sending something the schema refuses', () => {
    const wire = serializeError(Object.assign(new Error('x'), { code: 5, log: { lines: 1 } }));
    expect(wire).not.toHaveProperty('code');
    expect(wire).not.toHaveProperty('log');
    expect(SerializedErrorSchema.safeParse(wire).success).toBe(true);
  });

  it('rebuilds an error without optional fields, leaving code and log unset', () => {
    const back = deserializeError({ name: 'WorkerCrashed', message: 'The worker stopped.' });
    expect(back.name).toBe('WorkerCrashed');
    expect(back.message).toBe('The worker stopped.');
    expect(back.code).toBeUndefined();
    expect(back.log).toBeUndefined();
  });
});
