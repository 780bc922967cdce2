namespace TradingOps.Web.Venue;

/// <summary>The changes the booking page makes through <see cref="BookingChangeDialog"/> (延时 has its own dialog).</summary>
public enum BookingChangeMode { Reschedule, Shorten, Split, Cancel, NoShow }
