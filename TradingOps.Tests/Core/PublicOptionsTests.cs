using TradingOps.Core.Common;

namespace TradingOps.Tests.Core;

/// <summary>Public:BaseAddress (issue 22): what a ticket slip's QR is built on must be an address a phone can open.</summary>
public sealed class PublicOptionsTests
{
    [Fact]
    public void The_public_base_address_must_be_an_absolute_http_or_https_URL()
    {
        Assert.True(new PublicOptions().BaseAddressIsValid); // the developer default
        Assert.True(new PublicOptions { BaseAddress = "https://ggzy.example.gov.cn/console/" }.BaseAddressIsValid);
        foreach (var bad in new[] { "", "/queue", "ggzy.example.gov.cn", "ftp://ggzy.example.gov.cn", "http://x.cn/?a=1" })
            Assert.False(new PublicOptions { BaseAddress = bad }.BaseAddressIsValid, bad);
        Assert.Equal("https://ggzy.example.gov.cn/console/queue/rate/t1",
            new PublicOptions { BaseAddress = "https://ggzy.example.gov.cn/console/" }.Url("/queue/rate/t1").ToString());
    }

}
