using Microsoft.Data.Sqlite;

namespace SkillGraph.Testing;

/// <summary>Store files for tests that run real processes over a store of their own.</summary>
public static class StoreFiles
{
    /// <summary>
    /// Copies an SQLite store with SQLite's online backup, waiting up to 30 s for a lock instead of failing at once: a store
    /// whose last connection is closing (a server just killed, a pool cleared by another test in this process) is briefly
    /// locked while that connection checkpoints its WAL, and the backup then waits instead of answering "database is
    /// locked". Neither connection is pooled.
    /// </summary>
    public static void Copy(string source, string target, bool readOnly = true)
    {
        using var from = new SqliteConnection($"Data Source={source};Mode={(readOnly ? "ReadOnly" : "ReadWrite")};Pooling=False");
        using var to = new SqliteConnection($"Data Source={target};Pooling=False");
        from.Open();
        to.Open();
        using (var wait = from.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout = 30000;";
            wait.ExecuteNonQuery();
        }

        from.BackupDatabase(to);
    }
}
