using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

public enum RoomType
{
    BidOpeningRoom,     // 开标室
    MultiFunctionRoom,  // 多功能交易室
    BiddingRoom,        // 竞价室
    AuctionHall,        // 拍卖厅
    EvaluationRoom,     // 评标室 (工位制)
    NegotiationRoom,    // 谈判室
    ConsultationRoom,   // 磋商室
    InquiryRoom,        // 询标室
    ClarificationRoom,  // 澄清室
}

public static class RoomTypes
{
    /// <summary>Rooms of the evaluation area, where seats are assigned to experts.</summary>
    public static bool IsEvaluationArea(this RoomType type) =>
        type is RoomType.EvaluationRoom or RoomType.NegotiationRoom or RoomType.ConsultationRoom
            or RoomType.InquiryRoom or RoomType.ClarificationRoom;
}

/// <summary>A bookable room of the trading or evaluation area.</summary>
public sealed class Room : Entity
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 50;
    public const int ReasonMaxLength = 200;
    public const int MaxCapacity = 500;

    private Room() { Code = Name = ""; }

    public Room(Guid zoneId, string code, string name, RoomType type, int capacity, int evaluationSeats)
    {
        ZoneId = zoneId;
        Code = Guard.Text(code, CodeMaxLength, "场地编号");
        Name = Guard.Text(name, NameMaxLength, "场地名称");
        Type = type;
        Resize(capacity, evaluationSeats);
    }

    public Guid ZoneId { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public RoomType Type { get; private set; }
    public int Capacity { get; private set; }

    /// <summary>评标工位: seats with a workstation for experts; only rooms of the evaluation area have them.</summary>
    public int EvaluationSeats { get; private set; }

    public bool InService { get; private set; } = true;
    public string? OutOfServiceReason { get; private set; }

    public void Rename(string name) => Name = Guard.Text(name, NameMaxLength, "场地名称");

    public void Resize(int capacity, int evaluationSeats)
    {
        Guard.Range(capacity, 1, MaxCapacity, "容纳人数");
        Guard.Range(evaluationSeats, 0, capacity, "评标工位数");
        if (evaluationSeats > 0 && !Type.IsEvaluationArea())
            throw new DomainException("Room.SeatsOutsideEvaluationArea", "只有评标区的场地可以设置评标工位");
        Capacity = capacity;
        EvaluationSeats = evaluationSeats;
    }

    /// <summary>A fault or maintenance takes the room out of service (Liaoning 7.9); the reason is shown on the floor.</summary>
    public void TakeOutOfService(string reason)
    {
        if (!InService)
            throw new DomainException("Room.AlreadyOutOfService", $"{Name} 已停用");
        OutOfServiceReason = Guard.Text(reason, ReasonMaxLength, "停用原因");
        InService = false;
    }

    public void ReturnToService()
    {
        if (InService)
            throw new DomainException("Room.AlreadyInService", $"{Name} 已在使用中");
        InService = true;
        OutOfServiceReason = null;
    }
}
