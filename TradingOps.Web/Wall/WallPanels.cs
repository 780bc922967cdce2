namespace TradingOps.Web.Wall;

/// <summary>One panel of the wall: a self-contained live component and the title the header shows for it.</summary>
public sealed record WallPanel(string Key, Type Component, Type Resource, string TitleKey);

/// <summary>
/// The wall's panels, in rotation order. Another feature adds its panel with one row here (a component that
/// loads and follows its own data, and its resource class for the title).
/// </summary>
public static class WallPanels
{
    public static IReadOnlyList<WallPanel> All { get; } =
    [
        new("floor", typeof(FloorOverviewPanel), typeof(FloorResource), "Wall.Panel.Floor"),
        new("timeline", typeof(TimelineWallPanel), typeof(FloorResource), "Wall.Panel.Timeline"),
        new("queues", typeof(QueueWallPanel), typeof(QueueResource), "Wall.Panel.Queues"),
        new("registrations", typeof(RegistrationWallPanel), typeof(RegistrationResource), "Wall.Panel.Registrations"),
        new("alerts", typeof(AlertsWallPanel), typeof(FloorResource), "Wall.Panel.Alerts"),
        new("evaluation", typeof(Evaluation.EvaluationWallPanel), typeof(EvaluationResource), "Wall.Panel.Evaluation"),
    ];
}
