using TradingOps.Core.Floor;
using TradingOps.Data.Floor;

namespace TradingOps.Web.Floor;

public sealed record TileCommand(FloorRoom Room, RoomBooking Booking, SessionCommand Command);
