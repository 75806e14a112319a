using Microsoft.Extensions.DependencyInjection;
using SkillGraph.Application.Common;
using SkillGraph.Application.Features.Matching.MatchResume;
using SkillGraph.Application.Features.Occupations.GenerateJobDescription;
using SkillGraph.Application.Features.Occupations.SuggestOccupationsForText;
using SkillGraph.Application.Features.Skills.ExtractSkills;
using SkillGraph.Tests.Support;

namespace SkillGraph.Tests.Features.Small;

/// <summary>
/// The model-backed slices with recording fakes of their ports: a request that is too long or out of range is refused
/// with a message naming the field, and the port is never asked; a valid one reaches the port as sent.
/// </summary>
[Collection(TinyGraphCollection.Name)]
public sealed class ModelSliceValidationTests : IDisposable
{
    private readonly FixedSkillExtractor _extractor = new();
    private readonly RecordingResumeMatcher _matcher = new();
    private readonly RecordingJobDescriptionWriter _writer = new();
    private readonly MediatorHost _host;

    public ModelSliceValidationTests(TinyGraphFixture tiny) =>
        _host = new MediatorHost(tiny.Store, ports: services => services
            .AddSingleton<ISkillExtractor>(_extractor)
            .AddSingleton<IResumeMatcher>(_matcher)
            .AddSingleton<IJobDescriptionWriter>(_writer));

    [Fact]
    public async Task A_text_of_20000_characters_is_read_and_one_of_20001_is_refused_naming_the_field()
    {
        await _host.Mediator.Send(new ExtractSkills(new string('a', 20_000)));
        var error = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new ExtractSkills(new string('a', 20_001))));

        Assert.Equal("ExtractSkills: text: at most 20000 characters (got 20001)", error.Message);
        Assert.Equal([20_000], _extractor.Calls.Select(c => c.Text.Length));
    }

    [Fact]
    public async Task A_job_description_and_a_resume_over_20000_characters_are_each_named()
    {
        var tooLong = new string('a', 20_001);
        var error = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new MatchResume(tooLong, tooLong)));

        Assert.Equal("MatchResume: jobDescription: at most 20000 characters (got 20001); resume: at most 20000 characters (got 20001)", error.Message);
        Assert.Empty(_matcher.Calls);
    }

    [Fact]
    public async Task A_valid_match_reaches_the_matcher_with_the_job_first_and_the_resume_second()
    {
        var match = await _host.Mediator.Send(new MatchResume("the job", "the resume"));

        Assert.Equal("recording-matcher", match.Model);
        Assert.Equal([("the job", "the resume")], _matcher.Calls);
    }

    [Fact]
    public async Task A_text_over_20000_characters_gets_no_suggestions_but_a_message_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new SuggestOccupationsForText(new string('a', 20_001))));

        Assert.Equal("SuggestOccupationsForText: text: at most 20000 characters (got 20001)", error.Message);
        Assert.Empty(_extractor.Calls);
    }

    [Fact]
    public async Task A_negative_seed_is_refused_before_the_teacher_is_asked_and_a_valid_one_reaches_it()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(async () => await _host.Mediator.Send(new GenerateJobDescription(TinyGraph.Developer, Seed: -1)));
        await _host.Mediator.Send(new GenerateJobDescription(TinyGraph.Developer, Seed: 7));

        Assert.Equal("GenerateJobDescription: seed must be between 0 and 2147483647 (got -1)", error.Message);
        Assert.Equal([(TinyGraph.Developer, 7)], _writer.Calls);
    }

    public void Dispose() => _host.Dispose();
}
