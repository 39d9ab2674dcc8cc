using KetamineContent.Api.Workflow;

namespace KetamineContent.Api.OpenApi;

public static partial class OpenApiExamples
{
    private static readonly Guid ExampleTaskId = Guid.Parse("5a7c2e91-3b4d-4f60-8e12-9d0c1b2a3f45");

    private static Dictionary<Type, Func<object>> TaskExamples() => new()
    {
        [typeof(CommentView)] = () => Comment(),
        [typeof(CommentList)] = () => new CommentList([Comment()]),
        [typeof(TaskView)] = () => Task(),
        [typeof(TaskList)] = () => new TaskList([Task(), Task() with
        {
            Id = Guid.Parse("8b1d4f20-6c3e-4a75-9f01-2e3d4c5b6a78"), Title = "Add the risk of misuse to the side effects", State = "resolved",
            Note = "Added a sentence on misuse.", ResolvedAt = Published.AddHours(3), ResolvedBy = "editor one",
        }]),
    };

    private static CommentView Comment() => new(Guid.Parse("2c9e7b14-8d3a-4f21-b5e6-7a8b9c0d1e2f"), ExampleId, 2, "side_effects",
        "Does this match current guidance on dissociation?", "reviewer one", Published);

    private static TaskView Task() => new(ExampleTaskId, ExampleId, 2, "Check the side effects against current guidance", "reviewer", Published.AddDays(2),
        "open", null, null, null, "reviewer one", Published, Published);
}
