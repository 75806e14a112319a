namespace SkillGraph.Formats;

/// <summary>Reads a Python list literal of strings, as pandas wrote it: <c>['a', "b's"]</c>.</summary>
public static class PythonList
{
    public static List<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var quote = c;
                var item = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != quote)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    item.Append(text[i]);
                    i++;
                }

                items.Add(item.ToString());
            }

            i++;
        }

        return items;
    }
}
