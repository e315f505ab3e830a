/**
 * Who plays in the demo: one lead enterprise, twelve SMEs with realistic (fictional) Chinese profiles and six
 * reviewers. Regions are GB/T 2260 codes (35xxxx is Fujian; two SMEs are outside it), industries GB/T 4754
 * codes, certifications the platform's values (API.md). Names are invented; any likeness is coincidental.
 */

export type Size = 'micro' | 'small' | 'medium' | 'large';

export interface ProfileBody {
  description: string;
  capabilities: string[];
  industries: string[];
  certifications: string[];
  employeeCount: number;
  patents: Array<{ title: string; number?: string; year?: number }>;
  pastProjects: Array<{ title: string; description: string; year: number; client?: string }>;
}

export interface SmeRole {
  /** Short key used by the script. */
  key: string;
  name: string;
  /** A short display name for tables. */
  short: string;
  region: string;
  regionName: string;
  size: Size;
  contact: string;
  profile: ProfileBody;
}

export interface ReviewerRole {
  key: string;
  name: string;
  title: string;
  expertise: string[];
  /** Keys of SMEs the reviewer is affiliated with (their credit codes are filled in at run time). */
  affiliatedWith: string[];
}

export const LEAD = {
  name: '福建闽江智能装备集团有限公司',
  short: '闽江装备集团',
  region: '350104',
  regionName: '福州市仓山区',
  size: 'large' as Size,
  contact: '刘振国',
};

const LEAD_CLIENT = LEAD.name;

export const SMES: SmeRole[] = [
  {
    key: 'jingchi',
    name: '厦门精驰伺服科技有限公司',
    short: '厦门精驰伺服',
    region: '350206',
    regionName: '厦门市湖里区',
    size: 'small',
    contact: '许明辉',
    profile: {
      description: '专注交流伺服驱动器与运动控制算法研发，自研FOC矢量控制与EtherCAT总线伺服，产品用于数控机床、锂电设备和机器人关节。',
      capabilities: ['伺服驱动', '运动控制', 'EtherCAT', 'FOC矢量控制', '高精度定位'],
      industries: ['C3813', 'C3421'],
      certifications: ['little-giant', 'high-tech', 'specialized-sme'],
      employeeCount: 186,
      patents: [
        { title: '一种基于扰动观测器的伺服电机高精度定位控制方法', number: 'CN114567890B', year: 2022 },
        { title: '一种EtherCAT总线伺服驱动器的同步控制装置', number: 'CN115123456B', year: 2023 },
      ],
      pastProjects: [
        { title: '五轴数控机床伺服驱动系统国产化替代', description: '为五轴加工中心提供EtherCAT总线伺服驱动与控制器，定位精度±0.003mm。', year: 2023, client: LEAD_CLIENT },
        { title: '锂电卷绕机高速伺服控制系统', description: '多轴同步伺服控制，速度环带宽2.5kHz。', year: 2022, client: '宁德某新能源科技公司' },
      ],
    },
  },
  {
    key: 'dingxin',
    name: '福州鼎芯运动控制技术有限公司',
    short: '福州鼎芯运控',
    region: '350102',
    regionName: '福州市鼓楼区',
    size: 'small',
    contact: '陈立新',
    profile: {
      description: '运动控制器与数控系统供应商，提供多轴插补、伺服驱动调试和数控系统二次开发服务。',
      capabilities: ['运动控制', '数控系统', '伺服驱动', '多轴插补'],
      industries: ['C3421', 'I65'],
      certifications: ['specialized-sme', 'high-tech'],
      employeeCount: 95,
      patents: [{ title: '一种多轴联动数控系统的插补方法', number: 'CN113987654A', year: 2021 }],
      pastProjects: [
        { title: '立式加工中心数控系统升级', description: '运动控制器替换进口系统，伺服调试与精度补偿。', year: 2022, client: '福建某机床厂' },
        { title: '激光切割机运动控制平台', description: '基于EtherCAT的多轴运动控制平台。', year: 2021 },
      ],
    },
  },
  {
    key: 'hengrui',
    name: '泉州恒锐数控设备有限公司',
    short: '泉州恒锐数控',
    region: '350503',
    regionName: '泉州市丰泽区',
    size: 'medium',
    contact: '黄文彬',
    profile: {
      description: '数控机床改造与整机集成企业，擅长伺服进给系统改造、机床精度恢复与自动化产线集成。',
      capabilities: ['数控机床', '伺服驱动', '机床改造', '自动化集成'],
      industries: ['C3421', 'C34'],
      certifications: ['specialized-sme'],
      employeeCount: 320,
      patents: [{ title: '一种数控车床伺服进给系统的精度补偿装置', number: 'CN214321098U', year: 2021 }],
      pastProjects: [
        { title: '数控车床伺服进给系统改造', description: '为百余台数控车床更换伺服驱动并完成精度补偿。', year: 2023, client: LEAD_CLIENT },
        { title: '石材加工中心自动化产线', description: '产线集成与运动控制调试。', year: 2020 },
      ],
    },
  },
  {
    key: 'qihang',
    name: '深圳启航电驱科技有限公司',
    short: '深圳启航电驱',
    region: '440305',
    regionName: '深圳市南山区',
    size: 'small',
    contact: '周子健',
    profile: {
      description: '高性能伺服驱动器和运动控制卡研发企业，EtherCAT伺服出货量大，服务数控机床和半导体设备。',
      capabilities: ['伺服驱动', '运动控制', 'EtherCAT', '高精度定位'],
      industries: ['C3813', 'C34'],
      certifications: ['little-giant', 'high-tech'],
      employeeCount: 240,
      patents: [{ title: '一种伺服驱动器电流环高带宽控制方法', number: 'CN115678901B', year: 2023 }],
      pastProjects: [{ title: '半导体固晶机高速伺服系统', description: '高速高精伺服驱动，定位精度±0.002mm。', year: 2023 }],
    },
  },
  {
    key: 'huaguang',
    name: '漳州华光精密传感有限公司',
    short: '漳州华光传感',
    region: '350602',
    regionName: '漳州市芗城区',
    size: 'small',
    contact: '林雅婷',
    profile: {
      description: '光栅尺、绝对值编码器等精密位置传感器制造商，为数控机床提供全闭环位置反馈方案。',
      capabilities: ['光栅编码器', '精密测量', '位置反馈', '高精度定位'],
      industries: ['C40'],
      certifications: ['tech-sme', 'high-tech'],
      employeeCount: 88,
      patents: [{ title: '一种23位绝对值光电编码器', number: 'CN113456789B', year: 2022 }],
      pastProjects: [{ title: '机床全闭环光栅尺反馈改造', description: '为加工中心加装光栅尺，定位精度提升至±0.005mm。', year: 2022, client: '厦门某精密机械公司' }],
    },
  },
  {
    key: 'minxi',
    name: '龙岩闽西智控科技有限公司',
    short: '龙岩闽西智控',
    region: '350802',
    regionName: '龙岩市新罗区',
    size: 'micro',
    contact: '邱志强',
    profile: {
      description: 'PLC控制系统与工业物联网集成服务商，提供设备联网、数据采集和电气控制柜设计。',
      capabilities: ['PLC', '工业物联网', '电气控制', '运动控制'],
      industries: ['I65', 'C38'],
      certifications: ['tech-sme'],
      employeeCount: 32,
      patents: [],
      pastProjects: [{ title: '工程机械厂设备联网与数据采集', description: 'PLC改造与MES对接。', year: 2023 }],
    },
  },
  {
    key: 'haiying',
    name: '莆田海映电机有限公司',
    short: '莆田海映电机',
    region: '350304',
    regionName: '莆田市荔城区',
    size: 'medium',
    contact: '方国庆',
    profile: {
      description: '永磁同步伺服电机及驱动器制造商，电机功率0.1–15kW，提供电机与驱动一体化方案。',
      capabilities: ['永磁同步电机', '伺服电机', '电机驱动', '伺服驱动'],
      industries: ['C3813', 'C38'],
      certifications: ['specialized-sme', 'high-tech'],
      employeeCount: 410,
      patents: [{ title: '一种低齿槽转矩永磁同步伺服电机', number: 'CN112233445B', year: 2021 }],
      pastProjects: [{ title: '纺织机械伺服电机配套', description: '伺服电机与驱动器批量配套。', year: 2022, client: '晋江某纺织机械公司' }],
    },
  },
  {
    key: 'lvyuan',
    name: '三明绿源环保科技有限公司',
    short: '三明绿源环保',
    region: '350404',
    regionName: '三明市三元区',
    size: 'small',
    contact: '罗海燕',
    profile: {
      description: '工业废水处理与环保设备运维服务商，承接印染、电镀废水处理工程。',
      capabilities: ['废水处理', '环保设备', '环境监测'],
      industries: ['N77'],
      certifications: ['tech-sme'],
      employeeCount: 60,
      patents: [],
      pastProjects: [{ title: '印染园区废水提标改造', description: '日处理一万吨废水处理工程。', year: 2022 }],
    },
  },
  {
    key: 'wuyi',
    name: '南平武夷茶业数字科技有限公司',
    short: '南平武夷茶数',
    region: '350782',
    regionName: '南平市武夷山市',
    size: 'micro',
    contact: '詹秀英',
    profile: {
      description: '茶叶溯源与茶园数字化管理软件开发，提供茶园物联网监测与电商溯源平台。',
      capabilities: ['溯源系统', '农业物联网', '软件开发'],
      industries: ['I65', 'C15'],
      certifications: [],
      employeeCount: 18,
      patents: [],
      pastProjects: [{ title: '武夷岩茶质量溯源平台', description: '一物一码溯源与茶园环境监测。', year: 2023 }],
    },
  },
  {
    key: 'yunfan',
    name: '厦门云帆工业软件有限公司',
    short: '厦门云帆软件',
    region: '350203',
    regionName: '厦门市思明区',
    size: 'small',
    contact: '苏晓东',
    profile: {
      description: '工业软件开发商，产品包括MES、数控程序管理与设备数据采集，服务离散制造企业。',
      capabilities: ['MES', '工业软件', '数控程序管理', '数据采集'],
      industries: ['I65'],
      certifications: ['high-tech', 'specialized-sme'],
      employeeCount: 130,
      patents: [],
      pastProjects: [{ title: '机加工车间MES与DNC系统', description: '数控机床联网与程序管理。', year: 2022, client: LEAD_CLIENT }],
    },
  },
  {
    key: 'ruida',
    name: '苏州锐达自动化科技有限公司',
    short: '苏州锐达自动化',
    region: '320506',
    regionName: '苏州市吴中区',
    size: 'medium',
    contact: '顾建平',
    profile: {
      description: '运动控制与伺服系统集成商，提供直线电机平台和高精度定位模组。',
      capabilities: ['运动控制', '直线电机', '高精度定位', '伺服驱动'],
      industries: ['C34', 'C38'],
      certifications: ['high-tech'],
      employeeCount: 280,
      patents: [],
      pastProjects: [{ title: '直线电机精密定位平台', description: '纳米级定位平台研制。', year: 2021 }],
    },
  },
  {
    key: 'mawei',
    name: '福州马尾船舶电气有限公司',
    short: '福州马尾船电',
    region: '350105',
    regionName: '福州市马尾区',
    size: 'medium',
    contact: '郑家豪',
    profile: {
      description: '船舶电力推进与配电系统制造商，提供船用电气控制柜和推进变频器。',
      capabilities: ['船舶电气', '变频器', '配电系统'],
      industries: ['C37', 'C38'],
      certifications: ['high-tech'],
      employeeCount: 350,
      patents: [{ title: '一种船舶电力推进变频控制装置', number: 'CN111222333B', year: 2020 }],
      pastProjects: [{ title: '内河电动船推进系统', description: '电力推进变频器与配电系统。', year: 2023 }],
    },
  },
];

/** Reviewers; `harsh` scores lower than the others across the board (what calibration is for). */
export const REVIEWERS: Array<ReviewerRole & { bias: number }> = [
  { key: 'lin', name: '林建华', title: '教授 · 福州大学机械工程学院', expertise: ['伺服驱动', '运动控制', '数控系统'], affiliatedWith: [], bias: 0.02 },
  { key: 'chen', name: '陈思远', title: '研究员 · 电机与电力电子', expertise: ['永磁同步电机', '伺服电机', '电机驱动'], affiliatedWith: [], bias: 0 },
  { key: 'huang', name: '黄志明', title: '高级工程师 · 工业总线', expertise: ['EtherCAT', '运动控制', '嵌入式系统'], affiliatedWith: [], bias: 0.01 },
  { key: 'wu', name: '吴晓燕', title: '教授 · 精密测量（严格）', expertise: ['精密测量', '光栅编码器', '高精度定位'], affiliatedWith: [], bias: -0.14 },
  { key: 'zheng', name: '郑海峰', title: '高级工程师 · 数控机床', expertise: ['数控机床', '伺服驱动', '高精度定位'], affiliatedWith: ['jingchi'], bias: 0.03 },
  { key: 'wang', name: '王丽娟', title: '高级经济师 · 技术经济评价', expertise: ['技术经济评价', '项目管理', '运动控制'], affiliatedWith: [], bias: -0.02 },
];

/** The SMEs that bid, in the order they submit, with the quality reviewers will see in their bids (0–1). */
export const BIDDERS: Array<{ key: string; quality: number; priceYuan: number; durationDays: number }> = [
  { key: 'jingchi', quality: 0.9, priceYuan: 2_600_000, durationDays: 240 },
  { key: 'dingxin', quality: 0.82, priceYuan: 2_350_000, durationDays: 270 },
  { key: 'hengrui', quality: 0.74, priceYuan: 2_100_000, durationDays: 300 },
  { key: 'haiying', quality: 0.68, priceYuan: 2_800_000, durationDays: 300 },
  { key: 'huaguang', quality: 0.64, priceYuan: 1_900_000, durationDays: 330 },
  { key: 'minxi', quality: 0.5, priceYuan: 980_000, durationDays: 180 },
];

export function smeByKey(key: string): SmeRole {
  const sme = SMES.find((s) => s.key === key);
  if (!sme) throw new Error(`no SME ${key} in the demo cast`);
  return sme;
}
