using System.Text.Json;
using SkillGraph.Teacher.Records;

namespace SkillGraph.Teacher.Tests.Support;

public static class Jsonl
{
    public static List<T> Read<T>(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<T>(l, TeacherJson.Options)!)];
}
