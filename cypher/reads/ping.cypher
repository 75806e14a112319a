// Connectivity check of Neo4jGraphStore.ConnectAsync: the cheapest statement that needs the database.
RETURN 1 AS ok
