using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>A draw made in the provincial system lands on the session's request as a local draw does.</summary>
public sealed partial class DrawRequest
{
    /// <summary>
    /// Records an imported provincial draw: refused when the session is already drawn, being drawn here, or cancelled
    /// (one committee per session); the request becomes a provincial one, drawn by the two people the province names.
    /// </summary>
    public void RecordProvincialDraw(string operatorName, string confirmedBy, DateTimeOffset drawnAt)
    {
        switch (Status)
        {
            case DrawRequestStatus.Drawn: throw new DomainException("Draw.AlreadyDrawn", "该场评标已完成专家抽取，不能再导入抽取结果");
            case DrawRequestStatus.AwaitingConfirmation: throw new DomainException("Draw.InProgress", "该场评标正在本地抽取（待第二人确认），不能导入抽取结果");
            case DrawRequestStatus.Cancelled: throw new DomainException("Draw.Cancelled", "该场评标的抽取申请已撤销");
        }
        Source = DrawSource.Provincial;
        OperatorName = Guard.Text(operatorName, 256, "抽取操作员");
        OperatorAt = drawnAt.ToUniversalTime();
        ConfirmedBy = Guard.Text(confirmedBy, 256, "抽取确认人");
        ConfirmedAt = drawnAt.ToUniversalTime();
        DrawnAt = drawnAt.ToUniversalTime();
        Status = DrawRequestStatus.Drawn;
    }
}
