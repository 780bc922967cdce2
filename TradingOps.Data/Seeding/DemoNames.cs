namespace TradingOps.Data.Seeding;

/// <summary>Word lists for believable (fictional) Chinese project, party and place names.</summary>
internal static class DemoNames
{
    public const string City = "示范市";

    public static readonly string[] Districts =
        ["东城区", "西城区", "南湖区", "北山区", "高新区", "经开区", "滨江区", "青云县", "石桥县", "临河县"];

    public static readonly string[] Departments =
        ["交易服务部", "场地管理部", "专家管理部", "信息技术部", "综合办公室", "监督见证部"];

    public static readonly string[] Titles = ["科员", "主任科员", "副部长", "部长", "业务主管"];

    public static readonly string[] EngineeringSubjects =
    [
        "第三中学教学楼新建工程施工", "人民医院门诊综合楼改扩建工程", "主干道路面提升改造工程", "污水处理厂提标改造工程",
        "老旧小区综合整治工程", "体育中心室外工程", "滨河公园景观提升工程", "农村供水保障工程", "安置房建设项目监理",
        "桥梁加固维修工程", "产业园标准厂房建设工程", "雨污分流改造工程设计", "保障性租赁住房建设工程",
    ];

    public static readonly string[] ProcurementSubjects =
    [
        "办公设备采购项目", "信息化平台运维服务采购项目", "物业管理服务采购项目", "医疗设备采购项目", "教学设备采购项目",
        "公务用车定点维修服务采购", "食堂食材配送服务采购", "智慧城管系统建设项目", "校服采购项目", "网络安全等级保护测评服务",
        "图书采购项目", "环卫作业市场化服务采购",
    ];

    public static readonly string[] LandSubjects =
    [
        "国有建设用地使用权挂牌出让", "商住用地使用权出让", "工业用地使用权挂牌出让", "采矿权出让", "砂石资源开采权出让",
    ];

    public static readonly string[] AssetSubjects =
    [
        "国有股权转让项目", "闲置办公用房租赁", "报废车辆拍卖", "商铺经营权租赁", "国有企业增资扩股项目", "废旧物资处置",
    ];

    public static readonly string[] MedicalSubjects =
        ["常用药品集中带量采购", "医用耗材集中采购", "检验试剂集中采购"];

    public static readonly string[] OtherSubjects = ["特许经营权出让", "广告位经营权出让", "林权流转交易"];

    public static readonly string[] InitiatorUnits =
    [
        "教育局", "住房和城乡建设局", "交通运输局", "水务局", "人民医院", "中医院", "城市管理局", "自然资源局",
        "城市建设投资集团有限公司", "国有资产投资经营有限公司", "卫生健康委员会", "文化旅游局", "机关事务管理局",
    ];

    public static readonly string[] AgencyStems =
        ["华诚", "国信", "中经", "汇达", "正衡", "建安", "德勤信", "天平", "明远", "信达", "恒泰", "安和"];

    public static readonly string[] AgencySuffixes = ["招标代理有限公司", "工程咨询有限公司", "项目管理有限公司"];

    /// <summary>Auctions and listings are run by licensed auction houses.</summary>
    public const string AuctionHouseSuffix = "拍卖有限公司";
}
