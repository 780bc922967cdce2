using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

public sealed partial class EvaluationAlert
{
    /// <summary>
    /// The watch found the condition again with other numbers (another expert missing, one more person inside): an
    /// open alert follows them; a resolved one keeps what it was resolved with. True when something changed.
    /// </summary>
    public bool Follow(int count, string detail)
    {
        if (!Open) return false;
        var shown = PlainText.Truncate(Guard.Text(detail, 1000, "告警内容"), DetailMaxLength);
        if (count == Count && shown == Detail) return false;
        Count = count;
        Detail = shown;
        return true;
    }

    /// <summary>The alert as screens show it (no name: the alert never holds one).</summary>
    public EvaluationAlertRow ToRow() => new(Id, Kind, BookingId, RoomId, RoomCode, Count, Detail, RaisedAt, ResolvedAt, ResolvedBy, Resolution);
}
