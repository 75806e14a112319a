// First statement of every write transaction: write-locks the stored concepts the batch names and returns their
// version and content hash, so that the version check and the writes see the same state.
UNWIND $uris AS uri
MATCH (c:Concept {uri: uri})
SET c.version = c.version
RETURN c.uri AS uri, c.version AS version, c.contentHash AS contentHash
