namespace SkillGraph.Student;

/// <summary>
/// An extractor as <see cref="StudentModels"/> opened it, with what following graph changes needs: the label index it was
/// built from (null for a whole scorer trained for one catalog, which cannot follow), the heads (null: zero-shot), and how
/// its sessions were opened (a rebuilt scorer is opened the same way).
/// </summary>
internal sealed record OpenedStudent(SkillExtractor Extractor, ExtractorInfo Info, SkillIndex? Index, StudentHeads? Heads, int IntraOpThreads, bool NarrowWhenBusy);
