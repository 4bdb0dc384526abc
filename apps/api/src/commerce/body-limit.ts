// Bodies over the ingestion limit are refused before they are read.
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';
import { MAX_REQUEST_BYTES } from '../ingest/parse';

export function limitBody() {
  return bodyLimit({
    maxSize: MAX_REQUEST_BYTES,
    onError: (c) => {
      // The rest of the body stays unread: the connection cannot be reused.
      c.header('Connection', 'close');
      throw new ApiError(413, 'too_large', `Request body exceeds ${MAX_REQUEST_BYTES} bytes`, [{ field: '', message: `at most ${MAX_REQUEST_BYTES} bytes` }]);
    },
  });
}
