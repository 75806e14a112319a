// Records an import run (ReplaceAll, or a batch with skipped rows): the summary maps and examples as JSON text.
CREATE (run:ImportRun {
  source: $source, finishedAt: $finishedAt, skipped: $skipped,
  skippedByCategory: $skippedByCategory, skippedByReason: $skippedByReason, examples: $examples
})
RETURN run.finishedAt AS finishedAt
