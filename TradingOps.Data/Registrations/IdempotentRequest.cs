namespace TradingOps.Data.Registrations;

/// <summary>
/// An <c>Idempotency-Key</c> a client sent with a registration (IETF draft-ietf-httpapi-idempotency-key-header):
/// the same key from the same user within <see cref="Lifetime"/> gets the original registration back instead of a
/// second one; the same key with a different body is refused. Saved in the same transaction as the registration.
/// </summary>
public sealed class IdempotentRequest
{
    public const int KeyMaxLength = 100;
    public const int UserIdMaxLength = 450;
    public const int HashLength = 64;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The signed-in user who sent it: keys are scoped per user.</summary>
    public string UserId { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 (hex) of the request body as sent.</summary>
    public string RequestHash { get; set; } = "";

    public Guid RegistrationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>A key a client may send: 1–100 visible ASCII characters (UUIDs, ULIDs, request ids).</summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: > 0 and <= KeyMaxLength } && key.All(c => c is > ' ' and <= '~');
}
