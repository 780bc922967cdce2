using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

/// <summary>服务窗口: serves one or more service types.</summary>
public sealed partial class ServiceWindow : Entity
{
    public const int NameMaxLength = 30;
    private readonly List<ServiceType> _serviceTypes = [];

    private ServiceWindow() { Name = ""; }

    public ServiceWindow(Guid zoneId, int number, string name, IEnumerable<ServiceType> serves)
    {
        ZoneId = zoneId;
        Number = Guard.Range(number, 1, 999, "窗口号");
        Name = Guard.Text(name, NameMaxLength, "窗口名称");
        Serve(serves);
    }

    public Guid ZoneId { get; private set; }
    public int Number { get; private set; }
    public string Name { get; private set; }
    public bool InService { get; private set; } = true;
    public IReadOnlyCollection<ServiceType> ServiceTypes => _serviceTypes.AsReadOnly();

    public void Serve(IEnumerable<ServiceType> serviceTypes)
    {
        var list = serviceTypes.DistinctBy(t => t.Id).ToList();
        if (list.Count == 0)
            throw new DomainException("ServiceWindow.NoServiceType", $"{Number} 号窗口至少要办理一种业务");
        _serviceTypes.Clear();
        _serviceTypes.AddRange(list);
    }

    public void Close() => InService = false;
    public void Open() => InService = true;
}
