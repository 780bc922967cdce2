using TradingOps.Core.Common;
using TradingOps.Core.Devices;

namespace TradingOps.Tests.Devices;

public sealed class DeviceSecretTests
{
    [Fact]
    public void A_new_secret_carries_256_random_bits_in_52_typable_characters_and_never_repeats()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => DeviceSecret.New()).ToList();
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
        foreach (var secret in secrets)
        {
            var normalized = DeviceSecret.Normalize(secret);
            Assert.NotNull(normalized);
            Assert.Equal(DeviceSecret.Length, normalized.Length);
            Assert.DoesNotContain(normalized, c => "ILOU".Contains(c));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0000")]
    [InlineData("default")]
    [InlineData("admin")]
    public void There_is_no_default_empty_or_short_secret(string? input) => Assert.Null(DeviceSecret.Normalize(input));

    [Fact]
    public void A_secret_one_character_short_or_long_or_with_a_foreign_character_is_refused()
    {
        var normalized = DeviceSecret.Normalize(DeviceSecret.New())!;
        Assert.Null(DeviceSecret.Normalize(normalized[..^1]));
        Assert.Null(DeviceSecret.Normalize(normalized + "0"));
        Assert.Null(DeviceSecret.Normalize("U" + normalized[1..]));
        Assert.Null(DeviceSecret.Normalize("评" + normalized[1..]));
        Assert.Null(DeviceSecret.Normalize(normalized[..10] + "\u200B" + normalized[10..])); // zero-width space
        Assert.Null(DeviceSecret.Normalize(new string('0', DeviceSecret.MaxInputLength + 1)));
    }

    [Fact]
    public void A_typed_secret_is_read_in_any_case_with_or_without_dashes_and_look_alike_letters()
    {
        var shown = DeviceSecret.New();
        var normalized = DeviceSecret.Normalize(shown)!;
        Assert.Equal(normalized, DeviceSecret.Normalize(shown.ToLowerInvariant()));
        Assert.Equal(normalized, DeviceSecret.Normalize(shown.Replace("-", " ")));
        Assert.Equal(normalized, DeviceSecret.Normalize(normalized.Replace('0', 'O').Replace('1', 'l')));
    }

    [Fact]
    public void Only_the_hash_is_kept_and_a_presented_secret_is_checked_against_it()
    {
        var normalized = DeviceSecret.Normalize(DeviceSecret.New())!;
        var hash = DeviceSecret.Hash(normalized);
        Assert.Equal(DeviceSecret.HashLength, hash.Length);
        Assert.DoesNotContain(normalized, hash, StringComparison.OrdinalIgnoreCase);
        Assert.True(DeviceSecret.Matches(normalized, hash));
        Assert.False(DeviceSecret.Matches(DeviceSecret.Normalize(DeviceSecret.New())!, hash));
    }

    [Fact]
    public void A_rating_pad_serves_exactly_one_window_and_other_devices_none()
    {
        var hash = DeviceSecret.Hash(DeviceSecret.Normalize(DeviceSecret.New())!);
        Assert.Equal("Device.WindowRequired",
            Assert.Throws<DomainException>(() => new PairedDevice(DeviceKind.RatingPad, "评价器", null, hash, "admin", DateTimeOffset.UtcNow)).Code);
        Assert.Equal("Device.WindowOnlyForPads",
            Assert.Throws<DomainException>(() => new PairedDevice(DeviceKind.Kiosk, "取号机", Guid.NewGuid(), hash, "admin", DateTimeOffset.UtcNow)).Code);
        Assert.Equal("Device.Secret",
            Assert.Throws<DomainException>(() => new PairedDevice(DeviceKind.Kiosk, "取号机", null, "", "admin", DateTimeOffset.UtcNow)).Code);
    }

    [Fact]
    public void A_device_is_revoked_once()
    {
        var device = new PairedDevice(DeviceKind.HallDisplay, "大厅叫号屏", null,
            DeviceSecret.Hash(DeviceSecret.Normalize(DeviceSecret.New())!), "admin", DateTimeOffset.UtcNow);
        device.Revoke("admin", DateTimeOffset.UtcNow);
        Assert.False(device.IsActive);
        Assert.Equal("Device.AlreadyRevoked", Assert.Throws<DomainException>(() => device.Revoke("admin", DateTimeOffset.UtcNow)).Code);
    }
}
